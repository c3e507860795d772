"""Reading and checking the input: YAML with positions, schemas and cross-file checks, the allow-list for texts, the model's loading, the publisher's details, git history."""
