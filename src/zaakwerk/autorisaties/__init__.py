"""autorisaties"""
