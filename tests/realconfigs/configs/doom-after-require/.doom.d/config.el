;;; -*- lexical-binding: t; no-byte-compile: t; -*-

;; Load path utilities
(require 'my-paths)

(setq user-full-name "Oscar Vargas"
      user-mail-address "oscar@vargas.mx")

(setq +mu4e-backend 'mbsync)

(after! mu4e
  (setq mu4e-maildir "~/Maildir"
        mu4e-index-update-error-warning nil)
  (require 'org-msg)
  (setq org-msg-greeting-fmt "\nHi%s,\n\n"))

(after! (:and mu4e org)
  (setq mu4e-compose-signature "Oscar"))

(setq send-mail-function #'smtpmail-send-it
      smtpmail-smtp-server "smtp.fastmail.com"
      smtpmail-smtp-service 465
      smtpmail-stream-type 'ssl)
