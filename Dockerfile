# One image for the server; it also serves the built client.
FROM node:20.20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci
COPY . .
RUN npm run build -w @app/client
EXPOSE 3000
CMD ["npm", "run", "start", "-w", "@app/server"]
