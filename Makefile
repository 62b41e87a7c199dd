# Backstage: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test bench install messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo --if-empty
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench

messages: $(STAMP)
	cd backstage && DEBUG=1 ../$(BIN)/python ../manage.py makemessages -l fr -l nl -l en --no-obsolete --ignore 'careers/data/*' --ignore 'organisations/data/*' --ignore 'messaging/*' --ignore 'engagements/*' --ignore 'internships/*' --ignore 'events/*'
	for app in messaging engagements internships events; do (cd backstage/$$app && DEBUG=1 ../../$(BIN)/python ../../manage.py makemessages -l fr -l nl -l en --no-obsolete); done
	cd backstage && DEBUG=1 ../$(BIN)/python ../manage.py compilemessages

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts
