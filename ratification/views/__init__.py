"""Views of the ratification app, one module per audience: public pages, staff dashboard, imports."""
