// The facts sheet's known-answer vector (the one Mailtrap's own SDKs test with).
export const knownAnswer = {
  payload:
    '{"event":"delivery","sending_stream":"transactional","category":"welcome","message_id":"a8b1d8f6-1f8d-4a3c-9b2e-1a2b3c4d5e6f","email":"recipient@example.com","event_id":"f1e2d3c4-b5a6-7890-1234-567890abcdef","timestamp":1716070000}',
  secret: "8d9a3c0e7f5b2d4a6c1e9f8b3a7d5c2e",
  signature: "6d262e2611cd09be1f948382b5c611d63b0e585c4c9c5e40139d6ac3876d5433",
} as const;

export const otherSecret = "0123456789abcdef0123456789abcdef";
