"""Write services of the registers (``<entity>_<action>``, keyword-only, full_clean first)."""
