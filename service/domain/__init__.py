"""Domain rules and services. Each rule lives in one module and is tested there."""
