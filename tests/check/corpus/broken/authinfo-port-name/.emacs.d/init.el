;; expect: .authinfo:1 warning credentials-no-match
;; emacs-auth: smtp.example.org 587 nil
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
