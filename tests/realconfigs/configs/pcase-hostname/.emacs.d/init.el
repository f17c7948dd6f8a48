;;; init.el -*- lexical-binding: t -*-

(setq user-full-name "Ben Carter")

(pcase (system-name)
  ("ben-desktop"
   (setq user-mail-address "ben@carter.io"
         smtpmail-smtp-server "smtp.carter.io"))
  ((or "ben-work" "ben-work.local")
   (setq user-mail-address "bcarter@work.example"
         smtpmail-smtp-server "smtp.work.example"))
  (_
   (setq user-mail-address "ben@carter.io"
         smtpmail-smtp-server "smtp.carter.io")))

(setq smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls
      send-mail-function 'smtpmail-send-it)

(let ((local (expand-file-name (concat "hosts/" (system-name) ".el") user-emacs-directory)))
  (when (file-readable-p local)
    (load local)))
