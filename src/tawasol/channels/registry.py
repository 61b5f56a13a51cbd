"""Which adapter serves which channel."""

from __future__ import annotations

from tawasol.channels.base import ChannelAdapter
from tawasol.channels.sms.adapter import SmsAdapter
from tawasol.channels.whatsapp.adapter import WhatsAppAdapter

WEBHOOK_ADAPTERS: dict[str, ChannelAdapter] = {
    "whatsapp": WhatsAppAdapter(),
    "sms": SmsAdapter(),
}
