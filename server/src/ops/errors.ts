/** A refusal or failure of an operator command (backup, restore, migrate), worded for the person running it. */
export class OpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpsError';
  }
}
