(custom-set-variables
 ;; custom-set-variables was added by Custom.
 '(auth-sources '("~/.config/personal-emacs/authinfo.gpg"))
 '(smtpmail-smtp-user "ines@duarte.example.pt"))
(custom-set-faces)
