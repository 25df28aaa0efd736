"""catalogi"""
