// Keeps the target non-empty until its first sources land; delete freely.
