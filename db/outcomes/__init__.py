"""How a document ended: the Kamer's decisions and votes stored from the open data, the outcome
read from them, and the checks a decision must pass to be a document's own."""
