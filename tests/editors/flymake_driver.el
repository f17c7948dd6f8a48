;;; flymake_driver.el --- run the flymake-elconf backend in batch, print its diagnostics  -*- lexical-binding: t -*-

;; Environment: ELCONF_COMMAND (a JSON array: the command that runs `elconf check'),
;; INIT (the file to visit), EDIT (optional: text inserted at the end, unsaved),
;; MODE ("backend": call the backend with a report function; "flymake": flymake-mode).
;; Prints one JSON object per diagnostic, or {"panic": TEXT}.

(require 'json)
(require 'flymake-elconf)

(setq flymake-elconf-command (append (json-read-from-string (getenv "ELCONF_COMMAND")) nil))

(defun driver-place (pos)
  "(LINE . COL), 1-based, of buffer position POS."
  (save-excursion (goto-char pos) (cons (line-number-at-pos) (1+ (current-column)))))

(defun driver-print (diags)
  (dolist (d diags)
    (let* ((locus (flymake-diagnostic-buffer d))
           (beg (flymake-diagnostic-beg d))
           (end (flymake-diagnostic-end d))
           (start (if (bufferp locus) (driver-place beg) beg))
           (stop (if (bufferp locus) (driver-place end) end)))
      (princ (json-encode
              `((type . ,(symbol-name (flymake-diagnostic-type d)))
                (locus . ,(if (bufferp locus) "buffer" locus))
                (line . ,(car start)) (col . ,(cdr start))
                (end_line . ,(car-safe stop)) (end_col . ,(cdr-safe stop))
                (text . ,(flymake-diagnostic-text d))
                (rule . ,(alist-get 'rule (flymake-diagnostic-data d))))))
      (terpri))))

(with-current-buffer (find-file-noselect (getenv "INIT"))
  (when (getenv "EDIT")
    (goto-char (point-max))
    (insert (getenv "EDIT")))
  (pcase (getenv "MODE")
    ("backend"
     (let ((result 'waiting) (deadline (+ (float-time) 60)))
       (flymake-elconf (lambda (diags &rest args) (setq result (cons diags args))))
       (while (and (eq result 'waiting) (< (float-time) deadline))
         (accept-process-output nil 0.05))
       (if (eq (car-safe result) :panic)
           (princ (json-encode `((panic . ,(plist-get (cdr result) :explanation)))))
         (driver-print (car result)))))
    ("flymake"
     ;; Only this backend: emacs-lisp-mode adds its own (checkdoc, byte-compile).
     (setq-local flymake-diagnostic-functions nil)
     (flymake-elconf-enable)
     (flymake-start)
     (let ((deadline (+ (float-time) 60)))
       (while (and (not (flymake-reporting-backends)) (< (float-time) deadline))
         (accept-process-output nil 0.05)))
     (princ (json-encode `((reporting . ,(mapcar #'symbol-name (flymake-reporting-backends)))
                           (disabled . ,(mapcar #'symbol-name (flymake-disabled-backends))))))
     (terpri)
     (driver-print (flymake-diagnostics)))))
