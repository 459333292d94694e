'use strict';

// Returns a greeting built from the event: {"name": "lambdabox"} → "Hello, lambdabox!".
exports.hello = async (event, context) => {
  const name = (event && typeof event === 'object' && event.name) || 'world';
  const greeting = process.env.GREETING || 'Hello';
  console.log(`greeting ${name} in stage ${process.env.STAGE}`);
  return {
    message: `${greeting}, ${name}!`,
    stage: process.env.STAGE,
    requestId: context.awsRequestId,
  };
};
