"""Learned models over the rules: which words report an event, of what type, whether it happened,
who did it to whom, and whether it is news; trained on gold/ by `make train`, run with numpy."""
