DROP TABLE batch_schedule_fires;
DROP TABLE batch_run_owners;
