"""What a bureau files beyond the lines: last year beside this year, performance targets, the
budget system's import columns."""
