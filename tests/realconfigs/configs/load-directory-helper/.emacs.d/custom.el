(custom-set-variables
 ;; custom-set-variables was added by Custom.
 ;; If you edit it by hand, you could mess it up, so be careful.
 ;; Your init file should contain only one such instance.
 ;; If there is more than one, they won't work right.
 '(column-number-mode t)
 '(package-selected-packages '(magit company markdown-mode))
 '(send-mail-function 'smtpmail-send-it)
 '(smtpmail-smtp-server "smtps.aruba.it")
 '(smtpmail-smtp-service 465)
 '(smtpmail-stream-type 'ssl)
 '(user-mail-address "c.ferrante@aruba.it"))
(custom-set-faces
 ;; custom-set-faces was added by Custom.
 '(default ((t (:family "Iosevka" :height 120)))))
