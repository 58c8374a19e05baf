"""Partner-scoped reads, one module per topic. Every partner-facing page, API view and export
starts from one of the `*_for(user)` functions; an object outside their result is "not found"
(404), never "forbidden", so nobody learns that it exists."""
