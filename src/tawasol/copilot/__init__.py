"""The knowledge base (articles, macros), hybrid retrieval with citations, and the copilot's
suggestions (reply, handover summary, next best action) with the advisor's feedback."""
