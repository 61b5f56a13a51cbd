"""WhatsApp Business (Cloud API) webhooks: signed JSON in, text messages out."""
