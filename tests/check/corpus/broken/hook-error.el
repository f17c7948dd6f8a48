;; expect: 6:39 error startup-error
;; status: 1
;; emacs: smtpmail-auth-supported (cram-md5 plain login)
(setq send-mail-function 'smtpmail-send-it user-mail-address "alice@example.org"
      smtpmail-smtp-server "smtp.example.org")
(add-hook 'after-init-hook (lambda () (add-to-list 'smtpmail-auth-supported 'xoauth2)))
