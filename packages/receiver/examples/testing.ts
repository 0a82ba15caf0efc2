// README recipe: testing your own endpoint. Compiled and run by the test suite.
import { createTestDelivery } from "@mailtrap-webhooks/receiver";
import { POST } from "./next-route.js";

export async function deliverBounce(secret: string): Promise<number> {
  const request = await createTestDelivery(
    [
      {
        event: "bounce",
        event_id: "55e2d3c4-b5a6-4f7e-88d9-c0b1a2f3e4d5",
        message_id: "6e7f8a9b-0c1d-4e2f-a3b4-c5d6e7f8a9b0",
        email: "nobody@example.org",
        sending_stream: "transactional",
        sending_domain_name: "example.com",
        timestamp: 1728671400,
        bounce_category: "bad_mailbox",
      },
    ],
    { secret, format: "jsonlines" },
  );
  const response = await POST(request);
  return response.status; // 200
}
