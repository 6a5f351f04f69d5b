"""Admin views of the registers that are not per-model viewsets: import, heat map, PDFs."""
