"""The command-line tools: govtech-validate, govtech-preview, govtech-translations, and the GitHub Actions annotations they write."""
