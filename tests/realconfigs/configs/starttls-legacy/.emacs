;; ~/.emacs  (Gmail the old way, from a 2010 blog post)

(require 'smtpmail)
(require 'starttls)
(setq starttls-use-gnutls t
      starttls-gnutls-program "gnutls-cli"
      starttls-extra-arguments nil)

(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it
      smtpmail-starttls-credentials '(("smtp.gmail.com" 587 nil nil))
      smtpmail-auth-credentials '(("smtp.gmail.com" 587 "olga.ivanova@gmail.com" nil))
      smtpmail-default-smtp-server "smtp.gmail.com"
      smtpmail-smtp-server "smtp.gmail.com"
      smtpmail-smtp-service 587
      smtpmail-local-domain "gmail.com")

(setq user-mail-address "olga.ivanova@gmail.com")
(setq user-full-name "Olga Ivanova")
(setq smtpmail-debug-info t)
(setq smtpmail-debug-verb t)
(setq mail-user-agent 'message-user-agent)
