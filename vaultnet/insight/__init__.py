"""The graph and today into what to do, purely: the agenda, ties, warm paths, communities, mentors, briefs."""
