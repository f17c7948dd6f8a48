(custom-set-variables
 ;; custom-set-variables was added by Custom.
 ;; If you edit it by hand, you could mess it up, so be careful.
 ;; Your init file should contain only one such instance.
 ;; If there is more than one, they won't work right.
 '(auth-sources '("~/.authinfo"))
 '(package-selected-packages '(magit company))
 '(smtpmail-smtp-user "wei.zhang"))
(custom-set-faces
 ;; custom-set-faces was added by Custom.
 )
