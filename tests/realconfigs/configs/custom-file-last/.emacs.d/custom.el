(custom-set-variables
 ;; custom-set-variables was added by Custom.
 ;; If you edit it by hand, you could mess it up, so be careful.
 ;; Your init file should contain only one such instance.
 ;; If there is more than one, they won't work right.
 '(custom-enabled-themes '(tango-dark))
 '(custom-safe-themes
   '("a27c00821ccfd5a78b01e4f35dc056706dd9ede09a8b90c6955ae6a390eb1c1e" default))
 '(package-selected-packages
   '(company projectile yaml-mode markdown-mode magit))
 '(smtpmail-smtp-server "smtp.benitez.com.ar")
 '(smtpmail-stream-type 'starttls)
 '(smtpmail-smtp-user "lucia")
 '(user-mail-address "lucia@benitez.com.ar"))
(custom-set-faces
 ;; custom-set-faces was added by Custom.
 ;; If you edit it by hand, you could mess it up, so be careful.
 ;; Your init file should contain only one such instance.
 ;; If there is more than one, they won't work right.
 '(font-lock-comment-face ((t (:foreground "#8a8a8a" :slant italic))))
 '(mode-line ((t (:background "#2e3436" :foreground "#eeeeec")))))
