// Package deps reads a project's Python dependency declarations and checks
// them against security advisories, without the network and without
// running any of the project's code.
//
// It holds four things:
//
//   - parsers for the dependency files pip, Poetry, Pipenv, uv and
//     setuptools use (requirements*.txt, pyproject.toml, Pipfile,
//     Pipfile.lock, poetry.lock, uv.lock, setup.cfg and setup.py), each
//     keeping the file and line of every requirement;
//   - PEP 440 versions and version specifiers, and PEP 503 project name
//     normalisation;
//   - advisory data in the OSV format, embedded in the binary (see
//     EmbeddedAdvisories and AdvisoryDataDate), or loaded from a folder or
//     zip of OSV records the user supplies (LoadAdvisories);
//   - matching of a locked or pinned version against advisories'
//     affected ranges (Database.Match).
package deps
