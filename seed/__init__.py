"""sikerja.seed: reference agencies and the synthetic bundle generator."""
