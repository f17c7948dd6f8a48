;;; init.el -*- lexical-binding: t -*-
;; Identity comes from the environment (set in ~/.profile), with fallbacks.

(setq user-full-name (or (getenv "FULLNAME") "Bo Svensson"))
(setq user-mail-address (or (getenv "EMAIL") "bo@svensson.se"))

(let ((server (getenv "SMTP_SERVER")))
  (setq smtpmail-smtp-server (or server "smtp.svensson.se")
        smtpmail-smtp-service (if server 25 587)))

(setq send-mail-function 'smtpmail-send-it)
(when (string-suffix-p "@svensson.se" user-mail-address)
  (setq smtpmail-stream-type 'starttls))

(setenv "MAILDIR" (expand-file-name "~/Maildir"))
(setq mu4e-maildir (getenv "MAILDIR"))
