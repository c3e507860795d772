"""Making the site's outputs from the model: Markdown pages (Jinja templates in templates/), the challenge form and field reference, feeds, calendars, open data."""
