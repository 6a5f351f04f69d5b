"""Django models of the calculators app (factor library, datasets, runs)."""
