CORS_ORIGINS = ["https://pager.example.com", "https://ops.example.com"]
