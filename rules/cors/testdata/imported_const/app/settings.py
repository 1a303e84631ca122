ALLOWED = ["https://app.example.com", "https://admin.example.com"]
EVERYONE = "*"
