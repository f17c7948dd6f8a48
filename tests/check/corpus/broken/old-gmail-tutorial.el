;; The classic pre-24 Gmail recipe, still copied today.
;; expect: 8:7 warning removed-variable
;; expect: 9:7 warning removed-variable
;; expect: 13:7 warning removed-variable
;; emacs: smtpmail-smtp-server "smtp.gmail.com"
(require 'smtpmail)
(setq message-send-mail-function 'smtpmail-send-it
      smtpmail-starttls-credentials '(("smtp.gmail.com" 587 nil nil))
      smtpmail-auth-credentials '(("smtp.gmail.com" 587 "me@example.org" nil))
      smtpmail-default-smtp-server "smtp.gmail.com"
      smtpmail-smtp-server "smtp.gmail.com"
      smtpmail-smtp-service 587
      starttls-use-gnutls t
      user-mail-address "me@example.org")
