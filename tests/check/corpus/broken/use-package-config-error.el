;; expect: 8:1 warning caught-error
;; expect: 14:3 warning caught-error
;; emacs: smtpmail-auth-supported (cram-md5 plain login)
;; emacs: user-mail-address "alice@example.org"
;; emacs: smtpmail-smtp-service 25
;; emacs: smtpmail-stream-type nil
;;; init.el --- errors that Emacs reports and goes on from: what comes after them is lost
(with-demoted-errors "init: %S"
  (add-to-list 'smtpmail-auth-supported 'xoauth2)   ; void-variable: smtpmail is not loaded yet
  (setq smtpmail-servers-requiring-authorization "smtp\\.example\\.org"))
(setq send-mail-function 'smtpmail-send-it user-mail-address "alice@example.org")
(use-package smtpmail
  :config
  (setq smtpmail-smtp-server "smtp.example.org"
        smtpmail-smtp-service (string-to-number 587))   ; 587 is no string: wrong-type-argument
  (setq smtpmail-stream-type 'starttls))
