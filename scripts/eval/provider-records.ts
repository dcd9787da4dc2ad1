/** Provider records for the labelled set, spread over the pool independently of any need's labels. */
export const strong = { responseRate: 0.95, completed: 24, averageRating: 4.8, reviews: 18 };
export const solid = { responseRate: 0.85, completed: 9, averageRating: 4.4, reviews: 7 };
export const middling = { responseRate: 0.6, completed: 3, averageRating: 3.9, reviews: 3 };
export const weak = { responseRate: 0.3, completed: 1, averageRating: 2.5, reviews: 2 };
