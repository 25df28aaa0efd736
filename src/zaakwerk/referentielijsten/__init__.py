"""referentielijsten"""
