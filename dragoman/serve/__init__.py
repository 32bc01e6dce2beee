"""dragoman as a service: an HTTP API over the coder and the store, a review page whose verdicts become gold annotations, and news feeds watched into the store."""
