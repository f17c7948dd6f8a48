;;; probe.el --- apply Emacs 28.2 mail functions to inputs, for differential tests  -*- lexical-binding: t -*-
;; Usage: emacs --batch -Q -l probe.el DIR
;; Every DIR/N.KIND file is an input (UTF-8); the answer goes to DIR/N.out.
;; KIND: strip (mail-strip-quoted-names), extract (the address of
;; mail-extract-address-components, or the text "nil"), encode
;; (mail-encode-header over the text), date (message-make-date of the
;; integer seconds in the file), alias (a .mailrc text, NUL, a header:
;; the header after expand-mail-aliases), fqdn (message-make-fqdn with the
;; user-mail-address / mail-host-address / system-name lines of the file).
(require 'sendmail)
(require 'mail-utils)
(require 'mail-extr)
(require 'rfc2047)
(require 'message)

(defun probe-answer (kind text)
  (pcase kind
    ;; smtpmail strips in a fundamental-mode buffer: newline is whitespace there.
    ("strip" (with-temp-buffer (mail-strip-quoted-names text)))
    ("extract" (or (cadr (mail-extract-address-components text)) "nil"))
    ("encode" (with-temp-buffer
                (insert text)
                (condition-case err
                    (progn (mail-encode-header (point-min) (point-max)) (buffer-string))
                  (error (concat "ERROR: " (error-message-string err))))))
    ("alias" (let* ((parts (split-string text "\0"))
                    (file (make-temp-file "mailrc"))
                    (mail-personal-alias-file file)
                    (mail-aliases t)
                    (mail-alias-modtime nil))
               (with-temp-file file (insert (car parts)))
               (with-temp-buffer
                 (insert (cadr parts))
                 (expand-mail-aliases (point-min) (point-max))
                 (delete-file file)
                 (buffer-string))))
    ("date" (message-make-date (seconds-to-time (string-to-number text))))
    ("fqdn" (let* ((lines (split-string text "\n"))
                   (user-mail-address (if (equal (nth 0 lines) "nil") nil (nth 0 lines)))
                   (mail-host-address (if (equal (nth 1 lines) "nil") nil (nth 1 lines)))
                   (system-name (nth 2 lines)))
              (message-make-fqdn)))))

(let ((dir (car command-line-args-left)))
  (dolist (f (directory-files dir t "\\`[0-9]+\\.[a-z]+\\'"))
    (let* ((kind (file-name-extension f))
           (text (with-temp-buffer
                   (let ((coding-system-for-read 'utf-8)) (insert-file-contents f))
                   (buffer-string)))
           (answer (probe-answer kind text)))
      (let ((coding-system-for-write 'utf-8))
        (with-temp-file (concat (file-name-sans-extension f) ".out")
          (insert answer))))))
