// Package files implements the file-handling rules: FLASK-PATH-001 (path
// traversal and unsafe file serving) and FLASK-UPLOAD-001 (upload
// validation, storage and serving).
package files
