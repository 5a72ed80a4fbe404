"""What every test uses: factories for content, HTML readers, registration blocks, staff users
and a runner for management commands. Test modules import from here, never from each other."""
