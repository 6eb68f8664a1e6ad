"""Notes into a network: people, links and interactions resolved, then the networkx graph."""
