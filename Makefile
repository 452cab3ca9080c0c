# Shortcuts for `python3 tasks.py ...` (which works without make, on any OS).
.PHONY: play test bench lint
play:
	python3 tasks.py play
test:
	python3 tasks.py test
bench:
	python3 tasks.py bench
lint:
	python3 tasks.py lint
