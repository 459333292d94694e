'use strict';
// Trivial handler for the serve load test: answers with the request's sequence number.
exports.echo = async (event) => ({ i: event.i });
