;; expect: .authinfo:3 warning credentials-shadowed
;; emacs-auth: smtp.example.org 587 anonymous
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
