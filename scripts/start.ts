/**
 * `npm start`: brings up what the system has so far. Grows with every service that lands.
 */
console.log("The system's services are being built; nothing to start yet. See README.md.");
