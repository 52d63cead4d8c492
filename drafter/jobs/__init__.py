"""The task queue: long work (report files, later OCR) runs in workers, never in a request.

- `queue`: the Huey queue (SQLite on a laptop, Redis across machines) and its consumer;
- `tasks`: the jobs; `child` and `limits`: each render in a process of its own, with a
  time and a memory limit;
- `service`: one row per file being made, so a file is made once however many ask;
- `ahead`: a plan's reports made a few seconds after it is saved;
- `web`: how a download answers while its file is being made;
- `cli`: `drafter worker`, the consumer on its own.
"""
