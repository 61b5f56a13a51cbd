"""SMS through a Twilio-compatible provider: signed form posts in, REST messages out."""
